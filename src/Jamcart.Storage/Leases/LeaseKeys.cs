using System.Text;

namespace Jamcart.Storage.Leases;

/// <summary>The 64-bit key of a lease name, the same in every process (string hash codes are randomised per process).</summary>
internal static class LeaseKeys
{
    public static long Of(string name)
    {
        // FNV-1a: stable, and more than enough to keep a handful of worker names apart.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
