namespace Jamcart.Functions.Configuration;

/// <summary>Where the host runs, as far as start-up checks care: AWS Lambda is told apart by the variables its runtime sets.</summary>
internal static class ServerlessPlatform
{
    private static readonly string[] AwsLambdaVariables = ["AWS_LAMBDA_FUNCTION_NAME", "AWS_EXECUTION_ENV", "LAMBDA_TASK_ROOT"];

    /// <summary>Whether any of the variables AWS Lambda sets in every function's environment is present.</summary>
    public static bool IsAwsLambda(Func<string, string?> environment) =>
        AwsLambdaVariables.Any(variable => !string.IsNullOrEmpty(environment(variable)));
}
