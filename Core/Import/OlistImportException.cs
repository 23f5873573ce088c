namespace Ecom.Aspire.Core.Import;

/// <summary>
/// Olist files the importer refuses, with a message a user can act on: the file, the line (1-based, the header is line
/// 1; a record that spans several lines is named by its first) and the reason, such as
/// <c>olist_order_items_dataset.csv line 17: product_id '…' is not in olist_products_dataset.csv</c>. Nothing has been
/// written when it is thrown.
/// </summary>
public sealed class OlistImportException(string message) : Exception(message);
