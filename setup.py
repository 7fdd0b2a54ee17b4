"""Builds Inkwell's optional C code: the AVX2 block products (desktop_app/generation/
_block_kernels.c) that run the embedded model's 4-bit layers about twice as fast as torch's.

Optional: where there is no C compiler, or the processor is not x86, the build is skipped
and Inkwell runs torch's kernels instead. Everything else is in pyproject.toml.
"""

import platform
import sys

from setuptools import Extension, setup

X86 = platform.machine().lower() in {"x86_64", "amd64", "i386", "i686"}

extensions = []
if X86 and sys.platform != "win32":  # GCC or Clang: the code uses their target attributes
    extensions.append(
        Extension(
            "desktop_app.generation._block_kernels",
            ["desktop_app/generation/_block_kernels.c"],
            extra_compile_args=["-O3"],
            optional=True,
        )
    )

setup(ext_modules=extensions)
