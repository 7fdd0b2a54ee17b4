"""GUI-side services: the model thread facade, the draft and history stores, autosave."""
