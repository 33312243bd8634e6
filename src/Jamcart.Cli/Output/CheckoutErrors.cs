using Jamcart.Checkout.Errors;

namespace Jamcart.Cli.Output;

/// <summary>A checkout refusal as the lines a terminal shows: the message, and each field problem of an invalid request.</summary>
internal static class CheckoutErrors
{
    public static void Print(CheckoutException error)
    {
        if (error is InvalidRequestException invalid)
        {
            foreach (var (path, problems) in invalid.Errors)
            {
                foreach (var problem in problems)
                {
                    Terminal.Error.WriteLine($"jamcart: {path}: {problem}");
                }
            }

            return;
        }

        // The exception's words are the buyer's (id and token); the shop owner gives only an id.
        Terminal.Error.WriteLine(error is OrderNotFoundException ? "jamcart: there is no order with this id." : $"jamcart: {error.Message}");
    }
}
