namespace Meguro.Learning.Web;

/// <summary>Marker for the app's UI strings. Keys are the Japanese text; <c>Resources/SharedResource.en.resx</c> translates them.</summary>
public sealed class SharedResource;
