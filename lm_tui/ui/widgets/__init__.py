"""Small widgets shared by the screens: title bar, progress line, context panel, option lists."""
