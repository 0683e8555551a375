// Placeholder entry point so the package builds until the CLI lands.
print("usage: venice-edit <command> [options]  (the command-line interface is not implemented yet)")
