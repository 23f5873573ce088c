using Ecom.Aspire.Core.Analytics;
using Ecom.Aspire.Core.Browse;
using Ecom.Aspire.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ecom.Aspire.Api.Apis;

/// <summary>
/// /api/browse: the data browser over the shop's tables (Core/Browse), searched and paged on the server. Every query
/// parameter is validated (400 ValidationProblem naming it); an unknown id is a 404 ProblemDetails.
/// </summary>
public static class BrowseApi
{
    private static readonly string Paging =
        $" Query: page (1 or more, default 1; a page may not start beyond row {BrowseQueryParser.MaxOffset:N0}), pageSize (1..{BrowseQueryParser.MaxPageSize}, " +
        $"default {BrowseQueryParser.DefaultPageSize}), q (search text, at most {BrowseQueryParser.MaxSearchLength} characters). " +
        "Answers the page's items with total (rows matching over all pages), page, pageSize and hasMore.";

    public static IEndpointRouteBuilder MapBrowseApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/browse").WithTags("Data browser");
        api.MapGet("/customers", ListCustomers)
            .WithName("BrowseCustomers")
            .WithSummary("Customers, searchable and paged")
            .WithDescription("q: digits match the id or the start of the CPF; other text the start of the name, e-mail or city (any case). " +
                "state = a UF code. Ordered by id. Example: /api/browse/customers?q=maria&state=SP&page=2." + Paging)
            .Produces<BrowsePage<CustomerRow>>().ProducesValidationProblem();
        api.MapGet("/customers/{id:long}", GetCustomer)
            .WithName("BrowseCustomer")
            .WithSummary("One customer with their orders, lifetime figures and RFM segment")
            .WithDescription($"The customer, their newest {CustomerBrowser.MaxOrders} orders (ordersTotal counts all), lifetime figures from the " +
                $"warehouse and the RFM scores and segment over the {CustomerRfm.PeriodDays} days ending on the latest day with sales " +
                "(the definitions of /api/analytics/customers/rfm; null without a purchase in that period).");
        api.MapGet("/orders", ListOrders)
            .WithName("BrowseOrders")
            .WithSummary("Orders, newest first, searchable and paged")
            .WithDescription("q: an order id or a customer id (digits). status = processing, invoiced, shipped, delivered, canceled, unavailable " +
                "or returned; state = the ship state (UF). Example: /api/browse/orders?status=delivered&state=RJ." + Paging)
            .Produces<BrowsePage<OrderRow>>().ProducesValidationProblem();
        api.MapGet("/orders/{id:long}", GetOrder)
            .WithName("BrowseOrder")
            .WithSummary("One order with its items, payments, delivery and review")
            .WithDescription("The order, its items (product and seller), payments, delivery (delayDays = delivered minus promised business day) and reviews.");
        api.MapGet("/products", ListProducts)
            .WithName("BrowseProducts")
            .WithSummary("Products, searchable and paged")
            .WithDescription("q: digits match the id; other text the start of the name (any case). category = a product category (exact), " +
                "lifecycle = launch, viral, stable, declining or obsolete. Ordered by id. Example: /api/browse/products?category=watches_gifts." + Paging)
            .Produces<BrowsePage<ProductRow>>().ProducesValidationProblem();
        api.MapGet("/sellers", ListSellers)
            .WithName("BrowseSellers")
            .WithSummary("Sellers, searchable and paged")
            .WithDescription("q: digits match the id; other text the start of the name or city (any case). state = a UF code. Ordered by id. " +
                "Example: /api/browse/sellers?state=PR." + Paging)
            .Produces<BrowsePage<SellerRow>>().ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<BrowsePage<CustomerRow>>, ValidationProblem>> ListCustomers(EcomDbContext db, CancellationToken ct,
        string? page = null, string? pageSize = null, string? q = null, string? state = null)
    {
        var errors = new Dictionary<string, string[]>();
        var uf = AnalyticsQueryParser.State(state, errors);
        if (BrowseQueryParser.Parse(page, pageSize, q, errors) is not { } query) return Invalid(errors);
        return TypedResults.Ok(await CustomerBrowser.ListAsync(db, query, uf, ct));
    }

    public static async Task<Results<Ok<CustomerDetail>, ProblemHttpResult>> GetCustomer(
        long id, EcomDbContext db, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct) =>
        await CustomerBrowser.GetAsync(db, dataSource, id, clock, ct) is { } customer
            ? TypedResults.Ok(customer)
            : NotFound("Customer not found", $"There is no customer {id}.");

    public static async Task<Results<Ok<BrowsePage<OrderRow>>, ValidationProblem>> ListOrders(EcomDbContext db, CancellationToken ct,
        string? page = null, string? pageSize = null, string? q = null, string? status = null, string? state = null)
    {
        var errors = new Dictionary<string, string[]>();
        var uf = AnalyticsQueryParser.State(state, errors);
        var orderStatus = BrowseQueryParser.Status(status, errors);
        if (BrowseQueryParser.Parse(page, pageSize, q, errors) is not { } query) return Invalid(errors);
        return TypedResults.Ok(await OrderBrowser.ListAsync(db, query, orderStatus, uf, ct));
    }

    public static async Task<Results<Ok<OrderDetail>, ProblemHttpResult>> GetOrder(long id, EcomDbContext db, CancellationToken ct) =>
        await OrderBrowser.GetAsync(db, id, ct) is { } order
            ? TypedResults.Ok(order)
            : NotFound("Order not found", $"There is no order {id}.");

    public static async Task<Results<Ok<BrowsePage<ProductRow>>, ValidationProblem>> ListProducts(EcomDbContext db, CancellationToken ct,
        string? page = null, string? pageSize = null, string? q = null, string? category = null, string? lifecycle = null)
    {
        var errors = new Dictionary<string, string[]>();
        var productCategory = BrowseQueryParser.Category(category, errors);
        if (productCategory is not null && !errors.ContainsKey("category") && !await ProductBrowser.CategoryExistsAsync(db, productCategory, ct))
        {
            errors["category"] = [$"category '{productCategory}' is not a category of any product."];
        }
        var stage = BrowseQueryParser.Lifecycle(lifecycle, errors);
        if (BrowseQueryParser.Parse(page, pageSize, q, errors) is not { } query) return Invalid(errors);
        return TypedResults.Ok(await ProductBrowser.ListAsync(db, query, productCategory, stage, ct));
    }

    public static async Task<Results<Ok<BrowsePage<SellerRow>>, ValidationProblem>> ListSellers(EcomDbContext db, CancellationToken ct,
        string? page = null, string? pageSize = null, string? q = null, string? state = null)
    {
        var errors = new Dictionary<string, string[]>();
        var uf = AnalyticsQueryParser.State(state, errors);
        if (BrowseQueryParser.Parse(page, pageSize, q, errors) is not { } query) return Invalid(errors);
        return TypedResults.Ok(await SellerBrowser.ListAsync(db, query, uf, ct));
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Invalid query parameter");

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
