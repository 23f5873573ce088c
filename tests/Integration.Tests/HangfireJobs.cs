using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Ecom.Aspire.Integration.Tests;

/// <summary>Runs a Worker's recurring job now, through its Hangfire server, and waits (at most a minute) for the outcome.</summary>
public static class HangfireJobs
{
    /// <returns>The job's final state name ("Succeeded", "Failed"), or its last state when the minute ran out.</returns>
    public static async Task<string?> TriggerAndWaitAsync(IServiceProvider services, string recurringJobId)
    {
        var storage = services.GetRequiredService<JobStorage>();
        var jobId = services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(recurringJobId);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? state = null;
        while (DateTime.UtcNow < deadline)
        {
            state = storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
            if (state is "Succeeded" or "Failed") break;
            await Task.Delay(250);
        }
        return state;
    }
}
