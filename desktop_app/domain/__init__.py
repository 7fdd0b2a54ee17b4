"""Pure, Qt-free and framework-free core: value types, the task catalogue, prompt building."""
