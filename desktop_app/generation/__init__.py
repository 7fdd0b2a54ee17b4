"""The model layer: engine protocol, the transformers engine, model discovery, a fake engine.

Nothing here imports torch or transformers at module level, so importing the package is cheap
on the GUI thread; the heavy libraries load inside `TransformersEngine.load` on the model thread.
"""

from desktop_app.generation.engine import Engine, GenerationError, ModelLoadError, run_stream

__all__ = ["Engine", "GenerationError", "ModelLoadError", "run_stream"]
