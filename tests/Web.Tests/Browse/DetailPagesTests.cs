using Ecom.Aspire.Web.Components.Pages.Browse;

namespace Ecom.Aspire.Web.Tests.Browse;

public sealed class DetailPagesTests
{
    private const string Order = """
        {"id":901,"purchasedAt":"2024-11-29T13:00:00Z","approvedAt":"2024-11-29T13:10:00Z","canceledAt":null,"status":"delivered","revenueBearing":true,
         "customerId":17,"customerName":"Maria Souza","shipCity":"Campinas","shipState":"SP","shipZipPrefix":"13010","itemCount":2,
         "itemsTotal":259.8,"freightTotal":31.5,"total":291.3,"runId":1,
         "items":[{"itemNo":1,"productId":5,"productName":"Toalha de Banho","category":"bed_bath_table","sellerId":3,"sellerName":"Casa Sul","sellerState":"PR","price":59.9,"freight":15.75},
                  {"itemNo":2,"productId":6,"productName":"Relógio Clássico","category":"watches_gifts","sellerId":4,"sellerName":"Hora Certa","sellerState":"SP","price":199.9,"freight":15.75}],
         "payments":[{"seq":1,"type":"credit_card","installments":3,"amount":291.3}],
         "delivery":{"carrier":"Correios","shippedAt":"2024-11-30T12:00:00Z","promisedAt":"2024-12-10T03:00:00Z","deliveredAt":"2024-12-12T18:00:00Z","distanceKm":95,"delayDays":2},
         "reviews":[{"id":77,"score":3,"title":"Atrasou","comment":"Chegou dois dias depois.","createdAt":"2024-12-13T12:00:00Z","answeredAt":null}]}
        """;

    private const string Customer = """
        {"id":17,"name":"Maria Souza","cpf":"12345678909","email":"maria@example.com.br","phone":"(19) 99999-0000","city":"Campinas","state":"SP",
         "zipPrefix":"13010","persona":"loyal","signupAt":"2024-02-03T15:00:00Z","runId":1,"ordersTotal":1,
         "orders":[{"id":901,"purchasedAt":"2024-11-29T13:00:00Z","customerId":17,"customerName":"Maria Souza","status":"delivered","shipCity":"Campinas","shipState":"SP","itemCount":2,"total":291.3}],
         "lifetime":{"orders":1,"revenue":259.8,"averageTicket":259.8,"clv":259.8,"firstOrderAt":"2024-11-29T13:00:00Z","lastOrderAt":"2024-11-29T13:00:00Z"},
         "rfm":{"period":{"from":"2024-01-01","to":"2024-12-30"},"recencyDays":31,"frequency":1,"monetary":259.8,"r":4,"f":1,"m":3,
                "segment":"Regular","rule":"any other","monetaryLimits":[80.5,150,240.1,420]}}
        """;

    [Fact]
    public async Task An_order_shows_its_items_payments_delivery_and_review()
    {
        await using var ctx = StubApi.Routes(("api/browse/orders/901", Order)).CreateContextWithClients();

        var page = ctx.Render<OrderPage>(p => p.Add(o => o.Id, 901));

        page.WaitForAssertion(() => Assert.Contains("R$ 291,30", page.Find("[data-testid=order-total]").TextContent.Replace('\u00a0', ' ')));
        Assert.Contains("Relógio Clássico", page.Find("[data-testid=order-items]").TextContent);
        Assert.Contains("3x", page.Find("[data-testid=order-payments]").TextContent);
        Assert.Contains("2 days late", page.Find("[data-testid=order-delivery]").TextContent);
        Assert.Contains("Chegou dois dias depois.", page.Find("[data-testid=order-review]").TextContent);
        Assert.Contains("Maria Souza", page.Find("[data-testid=order-customer]").TextContent);
    }

    [Fact]
    public async Task An_unknown_order_is_said_plainly()
    {
        await using var ctx = StubApi.Routes().CreateContextWithClients();

        var page = ctx.Render<OrderPage>(p => p.Add(o => o.Id, 5));

        page.WaitForAssertion(() => Assert.Contains("There is no order 5", page.Find("[data-testid=not-found]").TextContent));
    }

    [Fact]
    public async Task A_customer_shows_orders_lifetime_and_RFM_segment_with_its_reasons()
    {
        await using var ctx = StubApi.Routes(("api/browse/customers/17", Customer)).CreateContextWithClients();

        var page = ctx.Render<CustomerPage>(p => p.Add(c => c.Id, 17));

        page.WaitForAssertion(() => Assert.Equal("Regular", page.Find("[data-testid=customer-segment]").TextContent));
        Assert.Contains("123.456.789-09", page.Find("[data-testid=customer-identity]").TextContent);
        var rfm = page.Find("[data-testid=customer-rfm]").TextContent.Replace('\u00a0', ' ');
        Assert.Contains("01/01/2024 – 30/12/2024", rfm);
        Assert.Contains("(R = 4)", rfm);
        Assert.Contains("R$ 240,10", rfm);
        Assert.Contains("901", page.Find("[data-testid=customer-order-list]").TextContent);
        Assert.Contains("R$ 259,80", page.Find("[data-testid=customer-revenue]").TextContent.Replace('\u00a0', ' '));
    }
}
