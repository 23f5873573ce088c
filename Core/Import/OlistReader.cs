using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Import;

/// <summary>
/// Reads and validates the eight Olist files of a directory into an <see cref="OlistDataset"/>, before anything is
/// written. The first problem found stops the reading with an <see cref="OlistImportException"/> naming the file, the
/// line and the reason: a missing file or column, a malformed record (quoting, field count), a value that does not
/// parse (id, number, date, status, payment type, state, CEP prefix) or is out of the schema's range, a duplicate key,
/// or a reference to a row that is not in its file (an order's customer_id, an item's order_id, product_id or
/// seller_id, a payment's or review's order_id).
/// </summary>
/// <remarks>
/// How Olist maps onto the shop schema (and the rules for its quirks, counted in <see cref="OlistAdjustments"/>):
/// <list type="bullet">
/// <item>Customer = the person, customer_unique_id. Olist gives a new customer_id to each order; an order ships to the
/// address of its own customer_id row, and the person's address and signup are those of their first order. Olist has
/// no names, CPFs, e-mails or phones: name = the customer_unique_id, the rest empty. Cities are kept as Olist writes
/// them (lower case, without accents), not mapped to the reference cities; states must be UFs; CEP prefixes are padded
/// to five digits.</item>
/// <item>Sellers: name = seller_id; joined at their first sale. Products: name = product_id; category translated to
/// English with the translation file; price = median price of its order items (no list price in Olist; the mean of the
/// two middle prices for an even count, rounded half away from zero to cents); cost unknown (empty); launched at the
/// first sale; sizes as given (empty stays empty).</item>
/// <item>Orders: created and approved become processing; canceled_at stays empty (Olist has no such date); totals are
/// sums over the items (items_total = Σ price, freight_total = Σ freight_value, total = both), also for orders without
/// items (0.00). Payments are kept as given, also when they do not add up to the total (Olist has vouchers, interest
/// and rounding): the schema's totals are the items'. Installments 0 (Olist has a few) are kept.</item>
/// <item>Deliveries: one per order, carrier "unknown" (Olist names none), promised = estimated delivery date, shipped =
/// delivered_carrier_date, delivered = delivered_customer_date, distance = the simulation's approximation between the
/// state of the seller of the first item and the ship state (empty without items). Dates that disagree with the status
/// (a delivered order without delivery date) are kept as given; only what the schema refuses is adjusted.</item>
/// <item>Reviews: one per row, also when Olist repeats a review_id on another order; empty title or comment is empty.</item>
/// </list>
/// </remarks>
public static class OlistReader
{
    /// <summary>Chunk (of the run's id space) of customers, sellers and products.</summary>
    public const int WorldChunkNo = 0;
    /// <summary>Chunk of orders and reviews.</summary>
    public const int OrdersChunkNo = 1;

    public const string UnknownCategory = "unknown";
    public const string UnknownCarrier = "unknown";
    public const string NotDefinedPaymentType = "not_defined";

    /// <summary>Olist's order statuses, in the order its documentation lists them.</summary>
    public static readonly IReadOnlyList<string> OlistStatuses =
        ["delivered", "shipped", "canceled", "unavailable", "invoiced", "processing", "created", "approved"];

    /// <summary>The status an Olist status becomes: itself, except created and approved, which are processing.</summary>
    public static string StatusOf(string olistStatus) => olistStatus switch
    {
        "created" or "approved" => OrderStatuses.Processing,
        _ => olistStatus,
    };

    public static OlistDataset Read(string directory, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var (full, sizes) = OlistFiles.Locate(directory);
        return new Reading(full, progress, ct).Run(sizes);
    }

    private sealed class Reading(string directory, IProgress<string>? progress, CancellationToken ct)
    {
        private const int CancellationCheckMask = 4095;

        private readonly OlistAdjustments _adjustments = new();
        private readonly Dictionary<string, (string English, long Line)> _translations = new(StringComparer.Ordinal);

        private readonly Dictionary<string, int> _customerRowById = new(StringComparer.Ordinal);
        private readonly List<CustomerRow> _customerRows = [];
        private readonly Dictionary<string, int> _personByUniqueId = new(StringComparer.Ordinal);
        private readonly List<Customer> _people = [];

        private readonly Dictionary<string, int> _sellerById = new(StringComparer.Ordinal);
        private readonly List<Seller> _sellers = [];
        private readonly List<long> _sellerLines = [];
        private readonly List<DateTimeOffset?> _sellerFirstSale = [];

        private readonly Dictionary<string, int> _productById = new(StringComparer.Ordinal);
        private readonly List<Product> _products = [];
        private readonly List<long> _productLines = [];
        private readonly List<List<decimal>> _productPrices = [];
        private readonly List<DateTimeOffset?> _productFirstSale = [];

        private readonly Dictionary<string, int> _orderById = new(StringComparer.Ordinal);
        private readonly List<Order> _orders = [];
        private readonly List<long> _orderLines = [];
        private readonly List<int> _orderCustomerRow = [];
        /// <summary>Per order: the lowest item number seen and its seller (index), for the delivery distance.</summary>
        private readonly List<(int ItemNo, int Seller)> _orderFirstItem = [];

        private int _reviews;

        /// <summary>A row of the customers file: one customer_id, the person it belongs to and its address.</summary>
        private readonly record struct CustomerRow(int Person, string City, string State, string ZipPrefix, long Line);

        public OlistDataset Run(IReadOnlyDictionary<string, long> sizes)
        {
            ReadTranslations();
            ReadCustomers();
            ReadSellers();
            ReadProducts();
            ReadOrders();
            ReadItems();
            ReadPayments();
            ReadReviews();
            return Finish(sizes);
        }

        private OlistCsv Open(string file)
        {
            progress?.Report($"reading {file}");
            return OlistCsv.Open(directory, file);
        }

        /// <summary>Checks for cancellation now and then, and that a table whose ids the importer chooses fits its id range.</summary>
        private void Step(OlistCsv csv, int count, bool hasIds = true)
        {
            if ((count & CancellationCheckMask) == CancellationCheckMask) ct.ThrowIfCancellationRequested();
            if (hasIds && count >= IdSpace.ChunkSpan)
                throw csv.Fail($"more than {IdSpace.ChunkSpan} rows: an import holds at most that many per table (one chunk of the run's ids)");
        }

        private void ReadTranslations()
        {
            using var csv = Open(OlistFiles.CategoryTranslation);
            while (csv.Read())
            {
                var portuguese = csv.Required("product_category_name");
                var english = csv.Required("product_category_name_english");
                if (_translations.TryGetValue(portuguese, out var earlier))
                    throw csv.Fail($"product_category_name '{portuguese}' is already translated on line {earlier.Line}");
                _translations.Add(portuguese, (english, csv.Line));
            }
        }

        private void ReadCustomers()
        {
            using var csv = Open(OlistFiles.Customers);
            while (csv.Read())
            {
                Step(csv, _people.Count);
                var id = csv.Id("customer_id");
                if (_customerRowById.TryGetValue(id, out var earlier))
                    throw csv.Fail($"customer_id '{id}' is already on line {_customerRows[earlier].Line}");
                var uniqueId = csv.Id("customer_unique_id");
                var zipPrefix = csv.ZipPrefix("customer_zip_code_prefix");
                var city = csv.Required("customer_city");
                var state = csv.State("customer_state");
                if (!_personByUniqueId.TryGetValue(uniqueId, out var person))
                {
                    person = _people.Count;
                    _personByUniqueId.Add(uniqueId, person);
                    // Address and signup are set from the person's first order once the orders are read.
                    _people.Add(new Customer
                    {
                        Id = IdSpace.Id(0, WorldChunkNo, person), Name = uniqueId, City = city, State = state, ZipPrefix = zipPrefix,
                    });
                }
                _customerRowById.Add(id, _customerRows.Count);
                _customerRows.Add(new CustomerRow(person, city, state, zipPrefix, csv.Line));
            }
        }

        private void ReadSellers()
        {
            using var csv = Open(OlistFiles.Sellers);
            while (csv.Read())
            {
                Step(csv, _sellers.Count);
                var id = csv.Id("seller_id");
                if (_sellerById.TryGetValue(id, out var earlier)) throw csv.Fail($"seller_id '{id}' is already on line {_sellerLines[earlier]}");
                var zipPrefix = csv.ZipPrefix("seller_zip_code_prefix");
                var city = csv.Required("seller_city");
                var state = csv.State("seller_state");
                _sellerById.Add(id, _sellers.Count);
                _sellers.Add(new Seller { Id = IdSpace.Id(0, WorldChunkNo, _sellers.Count), Name = id, City = city, State = state, ZipPrefix = zipPrefix });
                _sellerLines.Add(csv.Line);
                _sellerFirstSale.Add(null);
            }
        }

        private void ReadProducts()
        {
            using var csv = Open(OlistFiles.Products);
            while (csv.Read())
            {
                Step(csv, _products.Count);
                var id = csv.Id("product_id");
                if (_productById.TryGetValue(id, out var earlier)) throw csv.Fail($"product_id '{id}' is already on line {_productLines[earlier]}");
                string category;
                if (csv.Optional("product_category_name") is not { } portuguese)
                {
                    category = UnknownCategory;
                    _adjustments.ProductsWithoutCategory++;
                }
                else if (_translations.TryGetValue(portuguese, out var translation))
                {
                    category = translation.English;
                }
                else
                {
                    category = portuguese;
                    _adjustments.ProductsWithUntranslatedCategory++;
                }
                var product = new Product
                {
                    Id = IdSpace.Id(0, WorldChunkNo, _products.Count),
                    Name = id,
                    Category = category,
                    WeightGrams = csv.OptionalInteger("product_weight_g", 0, int.MaxValue),
                    LengthCm = csv.OptionalInteger("product_length_cm", 0, int.MaxValue),
                    HeightCm = csv.OptionalInteger("product_height_cm", 0, int.MaxValue),
                    WidthCm = csv.OptionalInteger("product_width_cm", 0, int.MaxValue),
                };
                _productById.Add(id, _products.Count);
                _products.Add(product);
                _productLines.Add(csv.Line);
                _productPrices.Add([]);
                _productFirstSale.Add(null);
            }
        }

        private void ReadOrders()
        {
            using var csv = Open(OlistFiles.Orders);
            while (csv.Read())
            {
                Step(csv, _orders.Count);
                var id = csv.Id("order_id");
                if (_orderById.TryGetValue(id, out var earlier)) throw csv.Fail($"order_id '{id}' is already on line {_orderLines[earlier]}");
                var customerId = csv.Id("customer_id");
                if (!_customerRowById.TryGetValue(customerId, out var customerRow))
                    throw csv.Fail($"customer_id '{customerId}' is not in {OlistFiles.Customers}");
                var olistStatus = csv.Required("order_status");
                if (!OlistStatuses.Contains(olistStatus))
                    throw csv.Fail($"order_status '{olistStatus}' is not an Olist order status ({string.Join(", ", OlistStatuses)})");
                var purchasedAt = csv.Timestamp("order_purchase_timestamp");
                var approvedAt = csv.OptionalTimestamp("order_approved_at");
                var shippedAt = csv.OptionalTimestamp("order_delivered_carrier_date");
                var deliveredAt = csv.OptionalTimestamp("order_delivered_customer_date");
                var promisedAt = csv.Timestamp("order_estimated_delivery_date");
                if (approvedAt < purchasedAt)
                {
                    approvedAt = null;
                    _adjustments.ApprovedAtCleared++;
                }
                if (deliveredAt is { } delivered && (shippedAt is null || shippedAt > delivered))
                {
                    shippedAt = delivered;
                    _adjustments.ShippedAtSetToDeliveredAt++;
                }

                var row = _customerRows[customerRow];
                var orderId = IdSpace.Id(0, OrdersChunkNo, _orders.Count);
                _orderById.Add(id, _orders.Count);
                _orders.Add(new Order
                {
                    Id = orderId,
                    CustomerId = _people[row.Person].Id,
                    Status = StatusOf(olistStatus),
                    PurchasedAt = purchasedAt,
                    ApprovedAt = approvedAt,
                    ShipCity = row.City,
                    ShipState = row.State,
                    ShipZipPrefix = row.ZipPrefix,
                    Delivery = new Delivery
                    {
                        OrderId = orderId, Carrier = UnknownCarrier, ShippedAt = shippedAt, PromisedAt = promisedAt, DeliveredAt = deliveredAt,
                    },
                });
                _orderLines.Add(csv.Line);
                _orderCustomerRow.Add(customerRow);
                _orderFirstItem.Add((int.MaxValue, -1));
            }
            if (_orders.Count == 0) throw new OlistImportException($"{OlistFiles.Orders} has no orders");
        }

        private void ReadItems()
        {
            using var csv = Open(OlistFiles.OrderItems);
            var seen = new Dictionary<(int Order, int ItemNo), long>();
            var count = 0;
            while (csv.Read())
            {
                Step(csv, count++, hasIds: false);
                var order = OrderOf(csv);
                var itemNo = csv.Integer("order_item_id", 1, short.MaxValue);
                var productId = csv.Id("product_id");
                if (!_productById.TryGetValue(productId, out var product)) throw csv.Fail($"product_id '{productId}' is not in {OlistFiles.Products}");
                var sellerId = csv.Id("seller_id");
                if (!_sellerById.TryGetValue(sellerId, out var seller)) throw csv.Fail($"seller_id '{sellerId}' is not in {OlistFiles.Sellers}");
                // Checked, not stored: the schema has no column for the seller's shipping deadline.
                _ = csv.OptionalTimestamp("shipping_limit_date");
                var price = csv.Money("price");
                var freight = csv.Money("freight_value");
                if (seen.TryGetValue((order, itemNo), out var earlier))
                    throw csv.Fail($"order_item_id {itemNo} of order_id '{csv.Raw("order_id")}' is already on line {earlier}");
                seen.Add((order, itemNo), csv.Line);

                var o = _orders[order];
                o.Items.Add(new OrderItem
                {
                    OrderId = o.Id, ItemNo = (short)itemNo, ProductId = _products[product].Id, SellerId = _sellers[seller].Id, Price = price, Freight = freight,
                });
                _productPrices[product].Add(price);
                if (!(_productFirstSale[product] <= o.PurchasedAt)) _productFirstSale[product] = o.PurchasedAt;
                if (!(_sellerFirstSale[seller] <= o.PurchasedAt)) _sellerFirstSale[seller] = o.PurchasedAt;
                if (itemNo < _orderFirstItem[order].ItemNo) _orderFirstItem[order] = (itemNo, seller);
            }
        }

        private void ReadPayments()
        {
            using var csv = Open(OlistFiles.Payments);
            var seen = new Dictionary<(int Order, int Seq), long>();
            string[] types = [.. PaymentTypes.All, NotDefinedPaymentType];
            var count = 0;
            while (csv.Read())
            {
                Step(csv, count++, hasIds: false);
                var order = OrderOf(csv);
                var seq = csv.Integer("payment_sequential", 1, short.MaxValue);
                var type = csv.Required("payment_type");
                if (!types.Contains(type)) throw csv.Fail($"payment_type '{type}' is not a payment type ({string.Join(", ", types)})");
                var installments = csv.Integer("payment_installments", 0, 24);
                var amount = csv.Money("payment_value");
                if (seen.TryGetValue((order, seq), out var earlier))
                    throw csv.Fail($"payment_sequential {seq} of order_id '{csv.Raw("order_id")}' is already on line {earlier}");
                seen.Add((order, seq), csv.Line);
                if (type == NotDefinedPaymentType)
                {
                    _adjustments.NotDefinedPaymentsSkipped++;
                    continue;
                }
                var o = _orders[order];
                o.Payments.Add(new Payment { OrderId = o.Id, Seq = (short)seq, Type = type, Installments = (short)installments, Amount = amount });
            }
        }

        private void ReadReviews()
        {
            using var csv = Open(OlistFiles.Reviews);
            while (csv.Read())
            {
                Step(csv, _reviews);
                // Checked, not stored (no column for it); Olist repeats some review ids on several orders: each row is a review.
                _ = csv.Id("review_id");
                var order = OrderOf(csv);
                var score = csv.Integer("review_score", 1, 5);
                var o = _orders[order];
                o.Reviews.Add(new Review
                {
                    Id = IdSpace.Id(0, OrdersChunkNo, _reviews++),
                    OrderId = o.Id,
                    Score = (short)score,
                    Title = csv.Optional("review_comment_title"),
                    Comment = csv.Optional("review_comment_message"),
                    CreatedAt = csv.Timestamp("review_creation_date"),
                    AnsweredAt = csv.OptionalTimestamp("review_answer_timestamp"),
                });
            }
        }

        /// <summary>The order (index) of the record's order_id, which must be in the orders file.</summary>
        private int OrderOf(OlistCsv csv)
        {
            var orderId = csv.Id("order_id");
            return _orderById.TryGetValue(orderId, out var order) ? order : throw csv.Fail($"order_id '{orderId}' is not in {OlistFiles.Orders}");
        }

        private OlistDataset Finish(IReadOnlyDictionary<string, long> sizes)
        {
            progress?.Report("checking references and totals");
            var firstPurchase = _orders.Min(o => o.PurchasedAt);
            var lastPurchase = _orders.Max(o => o.PurchasedAt);

            // A person's first order (ties: the first in the file) gives their signup and address.
            var firstOrder = new int[_people.Count];
            Array.Fill(firstOrder, -1);
            for (var i = 0; i < _orders.Count; i++)
            {
                var person = _customerRows[_orderCustomerRow[i]].Person;
                if (firstOrder[person] < 0 || _orders[i].PurchasedAt < _orders[firstOrder[person]].PurchasedAt) firstOrder[person] = i;
            }
            for (var p = 0; p < _people.Count; p++)
            {
                var customer = _people[p];
                if (firstOrder[p] < 0)
                {
                    customer.SignupAt = firstPurchase;
                    _adjustments.CustomersWithoutOrders++;
                    continue;
                }
                var row = _customerRows[_orderCustomerRow[firstOrder[p]]];
                customer.SignupAt = _orders[firstOrder[p]].PurchasedAt;
                (customer.City, customer.State, customer.ZipPrefix) = (row.City, row.State, row.ZipPrefix);
            }

            for (var p = 0; p < _products.Count; p++)
            {
                if (_productPrices[p].Count == 0)
                {
                    _products[p].Price = 0m;
                    _adjustments.ProductsNeverSold++;
                    continue;
                }
                _products[p].Price = Median(_productPrices[p]);
                _products[p].LaunchedAt = _productFirstSale[p];
            }

            for (var s = 0; s < _sellers.Count; s++)
            {
                if (_sellerFirstSale[s] is { } firstSale)
                {
                    _sellers[s].JoinedAt = firstSale;
                }
                else
                {
                    _sellers[s].JoinedAt = firstPurchase;
                    _adjustments.SellersWithoutItems++;
                }
            }

            for (var i = 0; i < _orders.Count; i++)
            {
                var order = _orders[i];
                decimal items = 0, freight = 0;
                foreach (var item in order.Items)
                {
                    items += item.Price;
                    freight += item.Freight;
                }
                if (items + freight > 9_999_999_999.99m)
                    throw new OlistImportException($"{OlistFiles.Orders} line {_orderLines[i]}: the order's total {items + freight} is too large for numeric(12,2)");
                order.ItemCount = (short)order.Items.Count;
                order.ItemsTotal = items;
                order.FreightTotal = freight;
                order.Total = items + freight;
                var seller = _orderFirstItem[i].Seller;
                order.Delivery!.DistanceKm = seller < 0 ? null : BrazilGeography.DistanceKm(_sellers[seller].State, order.ShipState);
            }

            return new OlistDataset(directory, sizes, _people, _sellers, _products, _orders,
                OlistTime.DayOf(firstPurchase), OlistTime.DayOf(lastPurchase), _adjustments);
        }

        private static decimal Median(List<decimal> prices)
        {
            prices.Sort();
            var middle = prices.Count / 2;
            return prices.Count % 2 == 1
                ? prices[middle]
                : decimal.Round((prices[middle - 1] + prices[middle]) / 2, 2, MidpointRounding.AwayFromZero);
        }
    }
}
