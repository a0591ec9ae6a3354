"""Rule data (YAML) shipped with formaudit; a user's --rules folder overrides it file by file."""
