using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Jobs;
using Meguro.Learning.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddLearningData(builder.Configuration);
builder.Services.AddLearningContent(builder.Configuration);
builder.Services.AddLearningJobs();
builder.AddBackgroundJobServer();
builder.AddLearningWeb();

var app = builder.Build();

await app.PrepareDatabaseAsync();
app.UseLearningWeb();
app.UseBackgroundJobDashboard();

await app.RunAsync();
