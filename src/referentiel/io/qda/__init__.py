"""REFI-QDA: evidence from QualCoder, NVivo, ATLAS.ti or MAXQDA, and frameworks back to them.

Three steps, a module each: :mod:`~referentiel.io.qda.read` reads a project (``.qdpx``) safely
into plain values; :mod:`~referentiel.io.qda.map` turns its coded selections into evidence as a
mapping says; :mod:`~referentiel.io.qda.write` writes a framework as a codebook or a project.
Their public functions are reached from :mod:`referentiel` (``ref.read_qdpx`` ...); this package
imports none of them, so that using one step does not load the others.
"""
