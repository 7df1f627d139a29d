namespace Meguro.Learning.Theme.Default;

/// <summary>Marker for the theme's own strings (header, skip link, footer). Keys are the Japanese text.</summary>
public sealed class ThemeResource;
