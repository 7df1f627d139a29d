using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Meguro.Learning.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CompletionMonthCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    CurriculumCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    CompletedMonth = table.Column<int>(type: "integer", nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompletionMonthCounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompletionMonthCounts_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    CurriculumCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    JobLevelId = table.Column<int>(type: "integer", nullable: false),
                    EmploymentType = table.Column<int>(type: "integer", nullable: false),
                    People = table.Column<int>(type: "integer", nullable: false),
                    Complete = table.Column<int>(type: "integer", nullable: false),
                    Required = table.Column<int>(type: "integer", nullable: false),
                    Completed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressRollups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressRollups_JobLevels_JobLevelId",
                        column: x => x.JobLevelId,
                        principalTable: "JobLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgressRollups_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CompletionMonthCounts_FiscalYear_OrgUnitId_CurriculumCode_C~",
                table: "CompletionMonthCounts",
                columns: new[] { "FiscalYear", "OrgUnitId", "CurriculumCode", "CompletedMonth" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CompletionMonthCounts_OrgUnitId",
                table: "CompletionMonthCounts",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressRollups_FiscalYear_OrgUnitId_CurriculumCode_JobLeve~",
                table: "ProgressRollups",
                columns: new[] { "FiscalYear", "OrgUnitId", "CurriculumCode", "JobLevelId", "EmploymentType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressRollups_JobLevelId",
                table: "ProgressRollups",
                column: "JobLevelId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressRollups_OrgUnitId",
                table: "ProgressRollups",
                column: "OrgUnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompletionMonthCounts");

            migrationBuilder.DropTable(
                name: "ProgressRollups");
        }
    }
}
