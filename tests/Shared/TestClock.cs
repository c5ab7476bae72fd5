namespace Workflow.Testing;

/// <summary>
/// The tests' clock: a settable "now" that may also go back, so each test starts on its fixture's "now" even after
/// another advanced it (FakeTimeProvider refuses to go back). Timers and timestamps stay real.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void SetUtcNow(DateTimeOffset value) => Interlocked.Exchange(ref ticks, value.UtcTicks);

    public void Advance(TimeSpan delta) => Interlocked.Add(ref ticks, delta.Ticks);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
