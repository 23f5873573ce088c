namespace Ecom.Aspire.Core.Import;

/// <summary>
/// The eight files of the public Olist Brazilian e-commerce dataset (Kaggle "olistbr/brazilian-ecommerce") that the
/// importer reads, with the columns it needs from each (their standard names, typos included: "lenght"). Columns the
/// importer does not use (product_name_lenght, product_photos_qty...) may be there or not; extra columns are ignored.
/// </summary>
public static class OlistFiles
{
    public const string Customers = "olist_customers_dataset.csv";
    public const string Sellers = "olist_sellers_dataset.csv";
    public const string Products = "olist_products_dataset.csv";
    public const string Orders = "olist_orders_dataset.csv";
    public const string OrderItems = "olist_order_items_dataset.csv";
    public const string Payments = "olist_order_payments_dataset.csv";
    public const string Reviews = "olist_order_reviews_dataset.csv";
    public const string CategoryTranslation = "product_category_name_translation.csv";

    /// <summary>Every file, in the order the importer reads them (referenced files before the files that refer to them).</summary>
    public static readonly IReadOnlyList<string> All =
        [CategoryTranslation, Customers, Sellers, Products, Orders, OrderItems, Payments, Reviews];

    /// <summary>The columns the importer reads from <paramref name="file"/>; a file without one of them is rejected.</summary>
    public static IReadOnlyList<string> RequiredColumns(string file) => file switch
    {
        CategoryTranslation => ["product_category_name", "product_category_name_english"],
        Customers => ["customer_id", "customer_unique_id", "customer_zip_code_prefix", "customer_city", "customer_state"],
        Sellers => ["seller_id", "seller_zip_code_prefix", "seller_city", "seller_state"],
        Products => ["product_id", "product_category_name", "product_weight_g", "product_length_cm", "product_height_cm", "product_width_cm"],
        Orders => ["order_id", "customer_id", "order_status", "order_purchase_timestamp", "order_approved_at",
                   "order_delivered_carrier_date", "order_delivered_customer_date", "order_estimated_delivery_date"],
        OrderItems => ["order_id", "order_item_id", "product_id", "seller_id", "shipping_limit_date", "price", "freight_value"],
        Payments => ["order_id", "payment_sequential", "payment_type", "payment_installments", "payment_value"],
        Reviews => ["review_id", "order_id", "review_score", "review_comment_title", "review_comment_message",
                    "review_creation_date", "review_answer_timestamp"],
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, "not an Olist file"),
    };

    /// <summary>
    /// The full path of the directory and the size in bytes of each file, or an <see cref="OlistImportException"/> that
    /// names the directory or the missing files.
    /// </summary>
    public static (string Directory, IReadOnlyDictionary<string, long> Sizes) Locate(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new OlistImportException("no directory given");
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full)) throw new OlistImportException($"directory {full} does not exist");
        var missing = All.Where(f => !File.Exists(Path.Combine(full, f))).ToList();
        if (missing.Count > 0)
        {
            throw new OlistImportException(missing.Count == 1
                ? $"missing file {missing[0]} in {full}"
                : $"missing files {string.Join(", ", missing)} in {full}");
        }
        var sizes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var file in All) sizes[file] = new FileInfo(Path.Combine(full, file)).Length;
        return (full, sizes);
    }
}
