using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meguro.Learning.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuthoringDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CourseDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: true),
                    BaseVersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseDrafts_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CourseDraftFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DraftId = table.Column<int>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseDraftFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseDraftFiles_CourseDrafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "CourseDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CourseDraftMedia",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DraftId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseDraftMedia", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseDraftMedia_CourseDrafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "CourseDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CourseDraftMedia_MediaBlobs_Sha256",
                        column: x => x.Sha256,
                        principalTable: "MediaBlobs",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CourseDraftFiles_DraftId_Path",
                table: "CourseDraftFiles",
                columns: new[] { "DraftId", "Path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CourseDraftMedia_DraftId_FileName",
                table: "CourseDraftMedia",
                columns: new[] { "DraftId", "FileName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CourseDraftMedia_Sha256",
                table: "CourseDraftMedia",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_CourseDrafts_CourseId",
                table: "CourseDrafts",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseDrafts_Slug",
                table: "CourseDrafts",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CourseDraftFiles");

            migrationBuilder.DropTable(
                name: "CourseDraftMedia");

            migrationBuilder.DropTable(
                name: "CourseDrafts");
        }
    }
}
