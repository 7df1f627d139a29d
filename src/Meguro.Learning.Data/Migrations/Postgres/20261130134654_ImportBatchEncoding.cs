using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meguro.Learning.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ImportBatchEncoding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Encoding",
                table: "ImportBatches",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "auto");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Encoding",
                table: "ImportBatches");
        }
    }
}
