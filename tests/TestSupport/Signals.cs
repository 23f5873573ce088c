using System.Runtime.InteropServices;

namespace Ecom.Aspire.TestSupport;

/// <summary>POSIX signals for the servers tests start (Process.Kill only sends SIGKILL).</summary>
public static class Signals
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public static void Terminate(int pid) => Kill(pid, SigTerm);

    public static void KillHard(int pid) => Kill(pid, SigKill);
}
