"""Serving the loaded model to other programs as an OpenAI-compatible HTTP API.

Qt-free: it drives an `Engine` on a thread of its own (`EngineScheduler`), so the command
line `desktop-app serve` and, through a bridge in services, the GUI can both use it.
"""
