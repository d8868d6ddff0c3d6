using System.Runtime.InteropServices;

namespace SchemaAudit.Cli;

/// <summary>Wires the real console and process into <see cref="CliApp"/>; everything else is testable in-process.</summary>
internal static class Program
{
    // After Ctrl-C the audit stops at the next safe point (a live query is cancelled on the server at once);
    // a phase that does not look at the token (parsing a large project) is cut short after this grace time.
    private static readonly TimeSpan s_gracePeriod = TimeSpan.FromSeconds(3);

    private static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        void Interrupt(PosixSignalContext signal)
        {
            signal.Cancel = true; // we exit ourselves, once the database connection is closed
            if (cancellation.IsCancellationRequested) Environment.Exit(ExitCodes.Cancelled); // a second Ctrl-C: now
            cancellation.Cancel();
            _ = Task.Delay(s_gracePeriod).ContinueWith(_ => Environment.Exit(ExitCodes.Cancelled), TaskScheduler.Default);
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        return CliApp.Run(args, Console.Out, Console.Error, Environment.CurrentDirectory, CliEnvironment.FromProcess(), cancellation.Token);
    }
}
