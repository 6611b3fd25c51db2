namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>The distributions the synthetic profiles draw from, on a seeded <see cref="Random"/>.</summary>
internal static class RandomDraws
{
    /// <summary>Uniform in [low, high).</summary>
    public static double Uniform(this Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>Normal (Box-Muller; always consumes two uniforms, so streams stay aligned).</summary>
    public static double Gaussian(this Random random, double mean, double standardDeviation)
    {
        double u1 = 1.0 - random.NextDouble(); // (0, 1]: Log is finite
        double u2 = random.NextDouble();
        return mean + standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Poisson count with the given mean (Knuth's product method; fine for means up to ~50).</summary>
    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0) return 0;
        double limit = Math.Exp(-mean);
        double product = random.NextDouble();
        int count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }
}
