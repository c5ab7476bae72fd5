namespace Server.Database;

/// <summary>The private PostgreSQL server could not be created, started or stopped. The message is in English and Chinese.</summary>
public sealed class PrivatePostgresException : Exception
{
    public PrivatePostgresException(string english, string chinese, Exception? innerException = null)
        : base($"{english}{Environment.NewLine}{chinese}", innerException)
    {
    }
}
