using MudBlazor;

namespace Ecom.Aspire.Web.Components.Layout;

/// <summary>A page of the dashboard (DESIGN.md section 8) and what it shows.</summary>
public sealed record DashboardPage(string Href, string Title, string Icon, string Shows);

/// <summary>The dashboard's navigation, in menu order: one list for the menu and for pages not built yet.</summary>
public static class DashboardPages
{
    public static readonly IReadOnlyList<DashboardPage> All =
    [
        new("/", "Overview", Icons.Material.Filled.Dashboard, "what the marketplace holds, live tiles and trends"),
        new("/finance", "Finance", Icons.Material.Filled.AttachMoney, "revenue, costs, gross and net profit and margins, compared with the previous period"),
        new("/customers", "Customers", Icons.Material.Filled.People, "RFM segments, the cohort retention heatmap and customer lifetime value"),
        new("/products", "Products", Icons.Material.Filled.Inventory2, "product lifecycle, top products and cross-selling pairs"),
        new("/geography", "Geography", Icons.Material.Filled.Map, "a map of Brazil's 27 states with revenue and orders by region and state"),
        new("/delivery", "Delivery and sellers", Icons.Material.Filled.LocalShipping, "delivery delays by state and carrier, and the seller ranking"),
        new("/forecast", "Forecast", Icons.Material.Filled.TrendingUp, "the weekly revenue forecast for the next 8 weeks and its backtest"),
        new("/anomalies", "Anomalies", Icons.Material.Filled.ReportProblem, "flagged orders by category, with precision and recall against the ground truth"),
        new("/simulations", "Simulations", Icons.Material.Filled.PlayCircle, "start a history simulation, watch its progress and see past runs"),
        new("/browse", "Data browser", Icons.Material.Filled.TableView, "customers, orders, products and sellers, searchable and paged"),
    ];

    public static DashboardPage? Find(string href) => All.FirstOrDefault(p => p.Href == href);
}
