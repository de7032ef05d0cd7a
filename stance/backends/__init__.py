"""Optional model backends.

Each backend lives in its own module and imports its heavy dependencies lazily,
so importing this package costs nothing:

>>> import stance.backends
"""
