namespace Ecom.Aspire.BrowserChecks;

/// <summary>
/// Where a project of the repository was built, seen from the build output of the running test or benchmark: with
/// --artifacts-path, ARTIFACTS/bin/PROJECT/CONFIG/; otherwise PROJECT/bin/CONFIG/net10.0/ in the repository.
/// </summary>
public static class BuildOutput
{
    /// <param name="project">The project folder (and artifacts name), e.g. "Api".</param>
    public static string Find(string project)
    {
        var dll = $"Ecom.Aspire.{project}.dll";
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new List<string>();
        // ARTIFACTS/bin/Web.Tests/debug → ARTIFACTS/bin/Web/debug
        if (own.Parent?.Parent is { Name: "bin" } artifactsBin)
        {
            candidates.Add(Path.Combine(artifactsBin.FullName, project, own.Name, dll));
        }
        // REPO/tests/Web.Tests/bin/Debug/net10.0 → REPO/Web/bin/Debug/net10.0
        if (own.Parent?.Parent is { Name: "bin" } bin && bin.Parent?.Parent?.Parent is { } repo)
        {
            candidates.Add(Path.Combine(repo.FullName, project, "bin", own.Parent.Name, own.Name, dll));
        }
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{dll} not found (looked in: {string.Join(", ", candidates)}): build the {project} project.");
    }
}
