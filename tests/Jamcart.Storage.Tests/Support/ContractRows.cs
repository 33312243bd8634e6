using System.Data.Common;

namespace Jamcart.Storage.Tests.Support;

/// <summary>Reads every row of a raw query the same way on both engines.</summary>
internal static class ContractRows
{
    public static async Task<List<object?[]>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        await using (reader)
        {
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = await reader.IsDBNullAsync(i, cancellationToken) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return rows;
        }
    }
}
