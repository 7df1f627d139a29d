using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Jobs;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Roster;
using Meguro.Learning.Web.Infrastructure;

var (command, commandError, hostArgs) = ImportCommand.Parse(args);
if (commandError is not null)
{
    await Console.Error.WriteLineAsync(commandError);
    return 2;
}

var builder = WebApplication.CreateBuilder(hostArgs);

builder.Services.AddLearningData(builder.Configuration);
builder.Services.AddLearningContent(builder.Configuration);
builder.Services.AddRosterImport();
builder.Services.AddLearningJobs();
builder.Services.AddLearningMail(builder.Configuration);
builder.AddBackgroundJobServer();
builder.AddLearningWeb();

var app = builder.Build();

await app.PrepareDatabaseAsync(seedDemo: command is null, importCourses: command is null);
if (command is not null)
{
    return await command.RunAsync(app.Services, Console.Out, Console.Error, app.Lifetime.ApplicationStopping);
}

app.UseLearningWeb();
app.UseBackgroundJobDashboard();

await app.RunAsync();
return 0;
