// Each database test makes its own database; running them one at a time keeps a 2-core CI machine
// and the shared PostgreSQL server from timing out.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
