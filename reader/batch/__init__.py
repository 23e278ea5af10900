"""Batch annotation parts: the inputs (`tasks`), where they run (`engines`, `dask_engine`), where the lines
go (`sink`, `resume`) and what the user sees meanwhile (`progress`). `reader.annotate` wires them.

Each input is independent, which makes one article the unit of scale (DESIGN section 8): the same
`annotate_task` runs in this process, in a pool of local processes, or on the workers of a Dask cluster.
"""
