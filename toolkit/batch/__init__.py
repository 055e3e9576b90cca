"""`toolkit batch`: many rounds at once on Dask distributed, and the cross-round view.

Modules: ``cluster`` (the Dask client: a LocalCluster of non-daemonic worker processes, or a running
scheduler), ``rounds`` (the round folders, their output folders, the skip-if-unchanged rule), ``task``
(one round on a worker, through the pipeline and runner as they are), ``summary`` (the cross-round
tables from each round's own files), ``charts`` (small multiples per area), ``template`` and ``view``
(OUT/index.html, OUT/summary.xlsx), ``command`` (:func:`~toolkit.batch.command.run_batch`). The
command's arguments are in toolkit.cli. Nothing is imported here: the command line loads Dask only
when it runs a batch.
"""
