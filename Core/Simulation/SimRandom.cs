using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64: fast, small and the same on every machine and .NET
/// version (unlike <see cref="Random"/>, whose algorithm is not a contract). A mutable struct: pass it by ref.
/// </summary>
internal struct SimRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>An independent stream for (seed, chunk, stream): the same triple always gives the same sequence.</summary>
    public static SimRandom Create(long seed, int chunkNo, int stream = 0)
    {
        var x = (ulong)seed;
        x = SplitMix(ref x) ^ ((ulong)(uint)chunkNo * 0xD1B54A32D192ED03UL);
        x = SplitMix(ref x) ^ ((ulong)(uint)stream * 0x8CB92BA72F3D8DD7UL);
        var r = new SimRandom();
        r._s0 = SplitMix(ref x);
        r._s1 = SplitMix(ref x);
        r._s2 = SplitMix(ref x);
        r._s3 = SplitMix(ref x);
        if ((r._s0 | r._s1 | r._s2 | r._s3) == 0) r._s0 = 1;
        return r;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextULong()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1]: safe for logarithms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => ((NextULong() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int n) => (int)((NextULong() >> 32) * (ulong)n >> 32);

    /// <summary>Uniform integer in [min, max].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Between(int min, int max) => min + Next(max - min + 1);

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Marsaglia polar method).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Log-normal with the given median and log-space standard deviation.</summary>
    public double LogNormalMedian(double median, double sigma) => median * Math.Exp(sigma * NextGaussian());

    /// <summary>Exponential with the given mean.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Exponential(double mean) => -mean * Math.Log(NextDoubleNonZero());

    /// <summary>Poisson: inversion for small means, normal approximation above 60.</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 60)
        {
            var x = Math.Round(mean + Math.Sqrt(mean) * NextGaussian());
            return x < 0 ? 0 : (int)x;
        }
        var p = Math.Exp(-mean);
        var cumulative = p;
        var u = NextDouble();
        var k = 0;
        while (u > cumulative && k < 1000)
        {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }
}

/// <summary>A cumulative weight table: draws an index with probability proportional to its weight (binary search).</summary>
internal sealed class WeightedTable
{
    private readonly double[] _cumulative;

    public WeightedTable(ReadOnlySpan<double> weights)
    {
        _cumulative = new double[weights.Length];
        double sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += Math.Max(0, weights[i]);
            _cumulative[i] = sum;
        }
        Total = sum;
    }

    public double Total { get; }
    public int Count => _cumulative.Length;

    /// <summary>Sum of the weights of items 0..i.</summary>
    public double CumulativeAt(int i) => _cumulative[i];

    public int Sample(ref SimRandom rng) => Find(rng.NextDouble() * Total);

    /// <summary>Index whose cumulative range holds <paramref name="u"/> (0 &lt;= u &lt; Total).</summary>
    public int Find(double u)
    {
        var c = _cumulative;
        int lo = 0, hi = c.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (c[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
