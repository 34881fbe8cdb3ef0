"""The sandbox: the whole bot in a browser against the local Bot API emulator, with a clock you can fast-forward."""
