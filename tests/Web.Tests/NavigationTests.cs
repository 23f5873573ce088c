using Ecom.Aspire.Web.Components.Layout;
using Ecom.Aspire.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ecom.Aspire.Web.Tests;

public sealed class NavigationTests
{
    [Fact]
    public void The_menu_lists_every_page_of_the_design()
    {
        string[] expected = ["Overview", "Finance", "Customers", "Products", "Geography", "Delivery and sellers", "Forecast", "Anomalies", "Simulations", "Data browser"];
        Assert.Equal(expected, DashboardPages.All.Select(p => p.Title));
    }

    [Fact]
    public void Every_menu_entry_has_a_routed_page()
    {
        var routes = typeof(Overview).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
            .Select(r => r.Template)
            .ToHashSet();
        Assert.All(DashboardPages.All, p => Assert.Contains(p.Href, routes));
    }
}
