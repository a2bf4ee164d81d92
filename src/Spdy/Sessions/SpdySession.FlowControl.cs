using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>SPDY/3.1 flow control: stream and session send windows (enforced only when
/// <see cref="SpdySessionOptions.EnforceSendWindow"/> is set) and receive-side WINDOW_UPDATEs as data is consumed.</summary>
public sealed partial class SpdySession
{
    private int peerInitialWindow = SpdySessionOptions.DefaultWindowSize;
    private long sessionSendWindow = SpdySessionOptions.DefaultWindowSize;
    private long sessionConsumedUnacknowledged;
    private TaskCompletionSource windowSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The bytes this side may still send on the session before the peer's next WINDOW_UPDATE (SPDY/3.1).</summary>
    public long SessionSendWindow
    {
        get
        {
            lock (gate)
            {
                return sessionSendWindow;
            }
        }
    }

    /// <summary>Waits until <paramref name="stream"/> may send, and takes up to <paramref name="wanted"/> bytes of credit.</summary>
    internal async ValueTask<int> AcquireSendCreditAsync(SpdyStream stream, int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (terminated)
                {
                    throw SessionEnded();
                }

                stream.ThrowIfNotWritable();
                var available = Math.Min(stream.SendWindow, sessionSendWindow);
                if (!options.EnforceSendWindow || available > 0)
                {
                    var granted = options.EnforceSendWindow ? (int)Math.Min(wanted, available) : wanted;
                    stream.SendWindow -= granted;
                    sessionSendWindow -= granted;
                    return granted;
                }

                signal = windowSignal.Task;
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts bytes the application has read (or that were discarded) and sends WINDOW_UPDATEs once half a
    /// window has been consumed, so a compliant peer never waits on a window we have room for.</summary>
    internal void OnBytesConsumed(SpdyStream? stream, int count)
    {
        if (count <= 0)
        {
            return;
        }

        lock (gate)
        {
            if (terminated)
            {
                return;
            }

            sessionConsumedUnacknowledged += count;
            if (sessionConsumedUnacknowledged >= options.SessionWindowSize / 2)
            {
                EnqueueControl(new WindowUpdateFrame(0, (int)sessionConsumedUnacknowledged));
                sessionConsumedUnacknowledged = 0;
            }

            if (stream is not null && stream.TakeWindowUpdate(count, options.InitialStreamWindowSize / 2) is var delta and > 0)
            {
                EnqueueControl(new WindowUpdateFrame(stream.Id, delta));
            }
        }
    }

    private void OnWindowUpdate(WindowUpdateFrame update)
    {
        lock (gate)
        {
            if (update.StreamId == 0)
            {
                sessionSendWindow += update.DeltaWindowSize;
            }
            else if (streams.TryGetValue(update.StreamId, out var stream))
            {
                stream.SendWindow += update.DeltaWindowSize;
            }

            SignalWindows();
        }
    }

    private void OnSettings(SettingsFrame settings)
    {
        foreach (var setting in settings.Settings)
        {
            if (setting.Id != SpdySettingId.InitialWindowSize)
            {
                continue;
            }

            if (setting.Value > int.MaxValue)
            {
                throw new SpdyProtocolException($"The peer's SETTINGS INITIAL_WINDOW_SIZE {setting.Value} exceeds 2^31-1.");
            }

            lock (gate)
            {
                var delta = (int)setting.Value - peerInitialWindow;
                peerInitialWindow = (int)setting.Value;
                foreach (var stream in streams.Values)
                {
                    stream.SendWindow += delta;
                }

                SignalWindows();
            }
        }
    }

    /// <summary>Wakes every writer waiting for window credit; called under <see cref="gate"/>.</summary>
    private void SignalWindows()
    {
        var signal = windowSignal;
        windowSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.TrySetResult();
    }

    /// <summary>Wakes window waiters after a stream state change that makes it unwritable.</summary>
    internal void WakeWindowWaiters()
    {
        lock (gate)
        {
            SignalWindows();
        }
    }
}
