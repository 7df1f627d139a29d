using System.Linq.Expressions;
using Meguro.Learning.Domain.Learning;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Data;

/// <summary>
/// A copy on each enrollment row of the step keys its reminder deliveries hold (<c>|before-14||due|</c>),
/// so that the daily reminder run can tell from the enrollment row alone which enrollments may still
/// have a step to send, instead of joining every open enrollment with the deliveries (ADR 0010).
/// <para>
/// The deliveries stay the record and their unique (enrollment, step) key stays the exactly-once rule:
/// the copy is only a filter in front of it. It is written in the transaction that inserts the
/// deliveries, and deliveries are never deleted apart from their enrollment, so it never holds a key
/// that no delivery has. It may lack one (a delivery written by other code, or before the copy existed):
/// that enrollment is then read again and the schedule, which reads the deliveries, sends nothing twice.
/// </para>
/// It is a shadow column: no domain rule reads it.
/// </summary>
public static class SentReminderSteps
{
    public const string Column = "SentReminderSteps";

    /// <summary>e ⇒ the due date lies in one of the ranges and the copy does not name that range's step.</summary>
    public static Expression<Func<Enrollment, bool>> StepDueAndNotNoted(IEnumerable<(string StepKey, DateOnly FirstDue, DateOnly LastDue)> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var enrollment = Expression.Parameter(typeof(Enrollment), "e");
        Expression any = Expression.Constant(false);
        foreach (var (stepKey, firstDue, lastDue) in ranges)
        {
            var token = Token(stepKey);
            Expression<Func<Enrollment, bool>> inRange = e => e.DueDate >= firstDue && e.DueDate <= lastDue
                && !EF.Property<string>(e, Column).Contains(token);
            any = Expression.OrElse(any, new ParameterReplacer(inRange.Parameters[0], enrollment).Visit(inRange.Body));
        }
        return Expression.Lambda<Func<Enrollment, bool>>(any, enrollment);
    }

    /// <summary>
    /// Notes the steps on their enrollments: one UPDATE per step key. Call it inside the transaction
    /// that saves the deliveries, so the copy and the deliveries commit or roll back together.
    /// </summary>
    public static async Task NoteAsync(LearningDbContext db, IEnumerable<(int EnrollmentId, string StepKey)> sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sent);
        foreach (var step in sent.GroupBy(s => s.StepKey, s => s.EnrollmentId, StringComparer.Ordinal))
        {
            var ids = step.Distinct().ToList();
            var token = Token(step.Key);
            await db.Enrollments.Where(e => ids.Contains(e.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(e => EF.Property<string>(e, Column), e => EF.Property<string>(e, Column) + token), cancellationToken);
        }
    }

    private static string Token(string stepKey) => $"|{stepKey}|";

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
