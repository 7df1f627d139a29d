using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meguro.Learning.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EnrollmentSentReminderSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SentReminderSteps",
                table: "Enrollments",
                type: "text",
                nullable: false,
                defaultValue: "");

            // The steps already sent before this column existed, so the first run after the upgrade
            // does not read every enrollment that was ever reminded again.
            migrationBuilder.Sql("""
                UPDATE "Enrollments" AS e SET "SentReminderSteps" = d.steps
                FROM (SELECT "EnrollmentId", string_agg('|' || "StepKey" || '|', '' ORDER BY "Id") AS steps FROM "ReminderDeliveries" GROUP BY "EnrollmentId") AS d
                WHERE d."EnrollmentId" = e."Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SentReminderSteps",
                table: "Enrollments");
        }
    }
}
