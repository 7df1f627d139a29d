using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meguro.Learning.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EmployeeSkillLevels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    SkillId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmployeeSkillLevels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmployeeSkillLevels_Employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EmployeeSkillLevels_Skills_SkillId",
                        column: x => x.SkillId,
                        principalTable: "Skills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrgUnitProgressSummaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CurriculumCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    EmployeeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CompleteEmployeeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RequiredCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrgUnitProgressSummaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrgUnitProgressSummaries_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressSummaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    CurriculumCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    JobLevelId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmploymentType = table.Column<int>(type: "INTEGER", nullable: false),
                    RequiredCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EarliestOpenDueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressSummaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressSummaries_Employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgressSummaries_JobLevels_JobLevelId",
                        column: x => x.JobLevelId,
                        principalTable: "JobLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgressSummaries_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SkillTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobLevelId = table.Column<int>(type: "INTEGER", nullable: false),
                    SkillId = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    Origin = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SkillTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SkillTargets_JobLevels_JobLevelId",
                        column: x => x.JobLevelId,
                        principalTable: "JobLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SkillTargets_Skills_SkillId",
                        column: x => x.SkillId,
                        principalTable: "Skills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EmployeeSkillLevels_EmployeeId_SkillId",
                table: "EmployeeSkillLevels",
                columns: new[] { "EmployeeId", "SkillId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmployeeSkillLevels_SkillId_Level",
                table: "EmployeeSkillLevels",
                columns: new[] { "SkillId", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_OrgUnitProgressSummaries_FiscalYear_OrgUnitId_CurriculumCode",
                table: "OrgUnitProgressSummaries",
                columns: new[] { "FiscalYear", "OrgUnitId", "CurriculumCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrgUnitProgressSummaries_OrgUnitId",
                table: "OrgUnitProgressSummaries",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSummaries_EmployeeId_CurriculumCode_FiscalYear",
                table: "ProgressSummaries",
                columns: new[] { "EmployeeId", "CurriculumCode", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSummaries_FiscalYear_EarliestOpenDueDate",
                table: "ProgressSummaries",
                columns: new[] { "FiscalYear", "EarliestOpenDueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSummaries_FiscalYear_JobLevelId_EmploymentType",
                table: "ProgressSummaries",
                columns: new[] { "FiscalYear", "JobLevelId", "EmploymentType" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSummaries_FiscalYear_OrgUnitId_CurriculumCode",
                table: "ProgressSummaries",
                columns: new[] { "FiscalYear", "OrgUnitId", "CurriculumCode" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSummaries_JobLevelId",
                table: "ProgressSummaries",
                column: "JobLevelId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSummaries_OrgUnitId",
                table: "ProgressSummaries",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_SkillTargets_JobLevelId_SkillId",
                table: "SkillTargets",
                columns: new[] { "JobLevelId", "SkillId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SkillTargets_SkillId",
                table: "SkillTargets",
                column: "SkillId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmployeeSkillLevels");

            migrationBuilder.DropTable(
                name: "OrgUnitProgressSummaries");

            migrationBuilder.DropTable(
                name: "ProgressSummaries");

            migrationBuilder.DropTable(
                name: "SkillTargets");
        }
    }
}
