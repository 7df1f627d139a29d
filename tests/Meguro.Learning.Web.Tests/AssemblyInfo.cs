// Hangfire keeps global state (JobStorage.Current), so two app hosts must not run their jobs at
// the same time in one test process (platform notes gotcha 16).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
