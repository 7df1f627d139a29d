using System.Collections.Concurrent;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Jobs.Reminders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meguro.Learning.Web.Tests.Jobs;

/// <summary>
/// Two app nodes as production runs them: two real Hangfire job servers, each with its own
/// PostgreSQL storage object on one shared Hangfire schema, both running the reminder job at the
/// same moment against one application database. Each (enrollment, step) must be mailed and
/// noticed exactly once.
/// </summary>
public sealed class TwoJobServersTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static readonly DateOnly Day = new(2027, 3, 8);

    [Fact]
    public async Task Two_Hangfire_servers_on_one_PostgreSQL_run_the_reminder_job_at_once_and_each_step_is_sent_once()
    {
        var people = await PeopleDueOnAsync(Day, 8);
        var enrollmentIds = people.Select(p => p.EnrollmentId).ToList();
        var employeeIds = people.Select(p => p.EmployeeId).ToList();

        // A schema of its own: the app host's server (schema "hangfire") must not pick these jobs up.
        var schema = "hangfire_nodes_" + Guid.NewGuid().ToString("N")[..8];
        var started = new Started(2);
        var clock = new FakeTimeProvider(new DateTimeOffset(Day.Year, Day.Month, Day.Day, 8, 30, 0, TimeSpan.FromHours(9)));
        var nodeA = Node("node-a", schema, clock, started);
        var nodeB = Node("node-b", schema, clock, started);
        try
        {
            // The job enqueued once through each node's storage, as two nodes' schedulers would.
            var jobIds = new[]
            {
                new BackgroundJobClient(nodeA.Storage).Enqueue<ReminderJob>(j => j.RunAsync(CancellationToken.None)),
                new BackgroundJobClient(nodeB.Storage).Enqueue<ReminderJob>(j => j.RunAsync(CancellationToken.None)),
            };

            var states = await WaitForAsync(nodeA.Storage, jobIds, TimeSpan.FromMinutes(2));

            Assert.All(states, s => Assert.StartsWith("Succeeded", s, StringComparison.Ordinal));
            // Each server ran one of the two: they really ran side by side, not one after the other.
            Assert.Equal(["node-a", "node-b"], started.Nodes.Order(StringComparer.Ordinal));
        }
        finally
        {
            nodeA.Dispose();
            nodeB.Dispose();
            // The name is made here of hex digits only; an identifier cannot be a parameter.
            var drop = "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE";
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(drop));
        }

        var deliveries = await app.WithDbAsync(db => db.ReminderDeliveries.Where(d => enrollmentIds.Contains(d.EnrollmentId)).ToListAsync());
        Assert.Equal(enrollmentIds.Order(), deliveries.Select(d => d.EnrollmentId).Order());
        Assert.All(deliveries, d => Assert.Equal("due", d.StepKey));
        var mails = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.Kind == "reminder-learner" && employeeIds.Contains(m.EmployeeId!.Value))
            .Select(m => m.EmployeeId!.Value).ToListAsync());
        Assert.Equal(employeeIds.Order(), mails.Order());
        var notices = await app.WithDbAsync(db => db.Notifications.Where(n => employeeIds.Contains(n.EmployeeId)).Select(n => n.EmployeeId).ToListAsync());
        Assert.Equal(employeeIds.Order(), notices.Order());
    }

    /// <summary>One node: its own storage object and a one-worker server whose jobs come from the app's services.</summary>
    private JobNode Node(string name, string schema, TimeProvider clock, Started started)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = schema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(200),
        };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(app.Factory.Database.ConnectionString, options), options);
        var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = name,
            WorkerCount = 1,
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            Activator = new AppScopeActivator(app.Services, clock, name, started),
        }, storage);
        return new JobNode(storage, server);
    }

    private static async Task<string[]> WaitForAsync(JobStorage storage, string[] jobIds, TimeSpan timeout)
    {
        var monitoring = storage.GetMonitoringApi();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            // The latest state, with the reason (for a retry, the exception) so a failure says why.
            var states = jobIds.Select(id => monitoring.JobDetails(id)?.History.FirstOrDefault())
                .Select(h => h is null ? "?" : $"{h.StateName} {h.Reason}").ToArray();
            // Failed, or scheduled again for a retry after an exception: finished, for this test.
            if (states.All(s => s.StartsWith("Succeeded", StringComparison.Ordinal) || s.StartsWith("Failed", StringComparison.Ordinal) || s.StartsWith("Scheduled", StringComparison.Ordinal))
                || DateTime.UtcNow > deadline)
            {
                return states;
            }
            await Task.Delay(200);
        }
    }

    private sealed record JobNode(JobStorage Storage, BackgroundJobServer Server) : IDisposable
    {
        public void Dispose()
        {
            Server.SendStop();
            Server.WaitForShutdown(TimeSpan.FromSeconds(30));
            Server.Dispose();
        }
    }

    /// <summary>
    /// Lets a job start only once the other node has started its job too (or after a minute), so the
    /// two runs overlap: with one worker per server, the second job can only go to the other server.
    /// </summary>
    private sealed class Started(int count)
    {
        private readonly ManualResetEventSlim _all = new();
        private int _started;

        public ConcurrentQueue<string> Nodes { get; } = new();

        public void ArriveAndWait(string node)
        {
            Nodes.Enqueue(node);
            if (Interlocked.Increment(ref _started) >= count)
            {
                _all.Set();
            }
            _all.Wait(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>One DI scope of the app per job, as the app's own Hangfire activator does; only the clock is the test's.</summary>
    private sealed class AppScopeActivator(IServiceProvider services, TimeProvider clock, string node, Started started) : JobActivator
    {
        public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(services.CreateScope(), clock, node, started);

        private sealed class Scope(IServiceScope scope, TimeProvider clock, string node, Started started) : JobActivatorScope
        {
            public override object Resolve(Type type)
            {
                if (type != typeof(ReminderJob))
                {
                    throw new InvalidOperationException($"Unexpected job {type}.");
                }
                started.ArriveAndWait(node);
                return ActivatorUtilities.CreateInstance<ReminderJob>(scope.ServiceProvider, clock);
            }

            public override void DisposeScope() => scope.Dispose();
        }
    }

    /// <summary>People in a unit of their own, each with one enrollment due on <paramref name="due"/>.</summary>
    private Task<List<(int EmployeeId, int EnrollmentId)>> PeopleDueOnAsync(DateOnly due, int count) => app.WithDbAsync(async db =>
    {
        var code = "H" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var department = new OrgUnit(code, "二台テスト部", OrgUnitKind.Department, null);
        var team = new OrgUnit(code + "-T", "二台テスト係", OrgUnitKind.Section, department);
        db.OrgUnits.AddRange(department, team);
        var level = await db.JobLevels.SingleAsync(l => l.Code == "kakariin");
        var courseId = await db.Courses.Where(c => c.Slug == "personal-information").Select(c => c.Id).SingleAsync();
        var result = new List<(int, int)>();
        for (var i = 0; i < count; i++)
        {
            var number = code + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var employee = new Employee(new EmployeeProfile(number, "二台　試験" + i, "ニダイ　シケン", $"n{number}@example.lg.jp".ToLowerInvariant(), team, level,
                EmploymentType.Regular, null, new DateOnly(2020, 4, 1)));
            db.Employees.Add(employee);
            await db.SaveChangesAsync();
            var enrollment = Enrollment.Assign(employee, courseId, EnrollmentSource.HR, 0, DateTime.UtcNow, due);
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            result.Add((employee.Id, enrollment.Id));
        }
        return result;
    });
}
