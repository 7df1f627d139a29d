namespace Meguro.Learning.Domain.Courses;

/// <summary>Where a published version came from: the files in <c>content/</c>, or the browser editor.</summary>
public enum CourseOrigin
{
    Import = 1,
    Editor = 2,
}
