"""The exceptions castgraph raises: one line for a person, the same line the
``graph`` command prints after ``error:`` (settings named as keyword
arguments, ``min_scenes=``, where the command names flags, ``--min-scenes``)."""


class Error(Exception):
    """Every error castgraph raises (but ``TypeError`` for a misspelt keyword)."""


class DataError(Error, ValueError):
    """A file's contents are wrong: the message names the file and the line."""


class FileError(Error, OSError):
    """The system refused to read or write a file (missing, no permission...)."""


class RequestError(Error, ValueError):
    """A request this graph cannot answer: an unknown name, a bad option value,
    two characters that are not connected, options that do not go together."""


class CastgraphWarning(UserWarning):
    """Something to know about the result: an alias never used, possible
    duplicate names, an eigenvector tie between components..."""


for _cls in (Error, DataError, FileError, RequestError, CastgraphWarning):
    _cls.__module__ = "castgraph"
del _cls
