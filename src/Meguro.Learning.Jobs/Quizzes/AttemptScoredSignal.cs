using System.Collections.Concurrent;

namespace Meguro.Learning.Jobs.Quizzes;

/// <summary>
/// Lets a learner's waiting result request (<c>?handler=result&amp;wait=…</c>) answer the moment the
/// scoring job on this node has saved the score, instead of the browser polling every quarter of a
/// second. Only a hint: the database stays the source of truth, and a waiter re-reads it at least
/// every <see cref="RecheckInterval"/>, so a score recorded by another node (or by a job that ran
/// before the wait began) is still seen.
/// </summary>
public sealed class AttemptScoredSignal
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiting = new();

    /// <summary>Called by <see cref="QuizScoringJob"/> after the score is committed.</summary>
    public void Scored(long attemptId)
    {
        if (_waiting.TryRemove(attemptId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>
    /// Waits until <paramref name="attemptId"/> is signalled or <paramref name="timeout"/> passes,
    /// whichever is first. Never throws on timeout: the caller re-reads the attempt either way.
    /// </summary>
    public async Task WaitAsync(long attemptId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = _waiting.GetOrAdd(attemptId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Scored elsewhere or not yet: the caller reads the database.
        }
        finally
        {
            // Only the entry this call waited on, so a newer waiter's entry is left in place.
            _waiting.TryRemove(KeyValuePair.Create(attemptId, waiter));
        }
    }

    /// <summary>Attempts with a waiting request (for tests: nothing is left behind).</summary>
    public int WaitingCount => _waiting.Count;
}
