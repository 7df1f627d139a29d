using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meguro.Learning.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // The steps already sent before this column existed, so the first run after the upgrade
            // does not read every enrollment that was ever reminded again.
            migrationBuilder.Sql("""
                UPDATE "Enrollments" SET "SentReminderSteps" =
                    (SELECT group_concat('|' || d."StepKey" || '|', '') FROM "ReminderDeliveries" AS d WHERE d."EnrollmentId" = "Enrollments"."Id")
                WHERE EXISTS (SELECT 1 FROM "ReminderDeliveries" AS d WHERE d."EnrollmentId" = "Enrollments"."Id");
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
