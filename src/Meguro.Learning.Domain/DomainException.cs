namespace Meguro.Learning.Domain;

/// <summary>A business rule was broken. The message is shown to the user as it is, so it is Japanese.</summary>
public class DomainException : Exception
{
    public DomainException() { }

    public DomainException(string message) : base(message) { }

    public DomainException(string message, Exception inner) : base(message, inner) { }
}
