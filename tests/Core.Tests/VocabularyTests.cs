using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Tests;

public class VocabularyTests
{
    [Theory]
    [InlineData(OrderStatuses.Delivered, true)]
    [InlineData(OrderStatuses.Processing, true)]
    [InlineData(OrderStatuses.Canceled, false)]
    [InlineData(OrderStatuses.Unavailable, false)]
    [InlineData(OrderStatuses.Returned, false)]
    public void Revenue_bearing_statuses_are_defined_once(string status, bool expected)
    {
        Assert.Equal(expected, OrderStatuses.IsRevenueBearing(status));
    }

    [Fact]
    public void Every_revenue_bearing_status_is_a_known_status()
    {
        Assert.All(OrderStatuses.RevenueBearing, s => Assert.Contains(s, OrderStatuses.All));
    }
}
