using System.Text.Json;
using System.Text.Json.Serialization;

using Jamcart.Checkout.Storage;
using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Problems;

namespace Jamcart.Functions.Contracts;

/// <summary>
/// Every type the API reads or writes, serialised by generated code (no reflection, ready for Native AOT): camelCase,
/// numbers only as numbers, a repeated member name refused, unknown members ignored.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(PlaceOrderCommand))]
[JsonSerializable(typeof(CheckoutResponse))]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(AdminOrderView))]
[JsonSerializable(typeof(OrderListView))]
[JsonSerializable(typeof(StockView))]
[JsonSerializable(typeof(InventoryLevel))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(WebhookReceipt))]
[JsonSerializable(typeof(RefundOrderRequest))]
[JsonSerializable(typeof(SetStockRequest))]
[JsonSerializable(typeof(MaintenanceView))]
[JsonSerializable(typeof(ProblemBody))]
public sealed partial class FunctionsJsonContext : JsonSerializerContext;
