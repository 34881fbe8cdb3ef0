"""Feature modules: each has `register(reg)` that plugs its commands, buttons, flows and tasks in."""
